"""`pm-pipeline import`: Markdown post-mortems into the YAML format, text copied verbatim.

markdown.py splits a report into sections and blocks; fields.py recognises headers, dates,
times, people and action items; mapping.py maps sections to the format's fields and says what
it guessed and what it could not map; emit.py writes the YAML with a comment on each guess.
"""
