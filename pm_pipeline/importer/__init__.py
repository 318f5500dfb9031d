"""`pm-pipeline import`: Markdown post-mortems into the YAML format, text copied verbatim.

markdown.py splits a report into sections and blocks; sections.py names the field a heading
stands for; fields.py recognises dates, times, zones, people and severities; items.py reads
action items, timeline.py timeline events, incident.py the incident's times; mapping.py maps
sections to the format's fields and says what it guessed and what it could not map; emit.py
writes the YAML with a comment on each guess.
"""
