"""People and what they may do: roles, the access policy, signing in, officers' boroughs."""
