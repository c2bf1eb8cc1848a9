"""A quarter's plan as LOTI announces it ("What can you expect from LOTI in Q2?"): the heading,
the introduction with the count and dates, then each workstream in the plan's order with its key
results as "n – Title – description". Plain text, or Markdown for LOTI's website."""

ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth"}


def _links(key_result, markdown):
    parts = []
    for link in key_result.links.all():
        if markdown and link.url:
            parts.append(f"[{link.label}]({link.url}).")
        else:
            parts.append(f"{link.label}{f' ({link.url})' if link.url else ''}.")
    return parts


def plan_announcement(quarter, key_results, *, markdown=False):
    """The announcement's text; `key_results` with their workstreams and links (in order)."""
    count = len(key_results)
    heading = f"What can you expect from LOTI in Q{quarter.number}?"
    intro = (
        f"Below we outline {count} specific thing{'s' if count != 1 else ''} the LOTI community "
        f"will be working on as part of our Objectives and Key Results for the "
        f"{ORDINALS.get(quarter.number, f'number {quarter.number}')} quarter of Year "
        f"{quarter.year}, which runs from {quarter.start_date:%-d %B %Y} – "
        f"{quarter.end_date:%-d %B %Y}."
    )
    lines = [f"# {heading}" if markdown else heading, "", intro, ""]
    lines += ["Thank you to everyone who’s supporting this work!", ""]
    ordered = sorted(
        key_results, key=lambda kr: (kr.workstream.position, kr.workstream.name, kr.number)
    )
    workstream = None
    for key_result in ordered:
        if key_result.workstream != workstream:
            workstream = key_result.workstream
            lines += ["", f"## {workstream.name}" if markdown else workstream.name, ""]
        title = (
            f"**{key_result.number} – {key_result.title}**"
            if markdown
            else (f"{key_result.number} – {key_result.title}")
        )
        words = [title]
        description = " ".join(key_result.description.split())
        if description:
            words.append(f"– {description}")
        words += _links(key_result, markdown)
        lines += [" ".join(words), ""]
    return "\n".join(lines).rstrip() + "\n"
