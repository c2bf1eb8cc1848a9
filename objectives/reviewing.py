"""A quarter's review as text, in the voice of the plan announcement, ready to publish."""

from .services import headline, outcome_of
from .summaries import by_workstream


def headline_sentence(summary):
    average = f", an average score of {summary.average_score}" if summary.average_score else ""
    return (
        f"Of the {summary.planned} key results we planned, {summary.achieved} were achieved, "
        f"{summary.partly} partly achieved and {summary.not_achieved} not achieved; "
        f"{summary.carried_over} carried over into the next quarter and {summary.dropped} "
        f"dropped{average}."
    )


def review_text(quarter, review, key_results, *, reader, markdown=False):
    title = f"What LOTI delivered in {quarter}"
    lines = [f"# {title}" if markdown else title, "", headline_sentence(headline(key_results))]
    for row in by_workstream(key_results):
        name = row.workstream.name
        lines += ["", f"## {name}" if markdown else name, ""]
        for key_result in row.summary.key_results:
            outcome = outcome_of(key_result)
            verdict = (
                f"{outcome.get_outcome_display()} ({outcome.score})" if outcome else "Not reviewed"
            )
            title_part = f"{key_result.number} – {key_result.title}"
            if markdown:
                title_part = f"**{title_part}**"
            reflection = f" {outcome.reflection}" if outcome and outcome.reflection else ""
            carried = key_result.carried_into_as_seen_by(reader)
            onward = f" Carried into {carried.reference}." if carried else ""
            lines += [f"{title_part} – {verdict}.{reflection}{onward}", ""]
    if review is not None:
        for label, text in (
            ("What went well", review.went_well),
            ("What did not go well", review.went_badly),
            ("What we will try next quarter", review.try_next),
        ):
            if text:
                lines += ["", f"## {label}" if markdown else label, "", text, ""]
    return "\n".join(lines).rstrip() + "\n"
