"""The published site: a pure renderer (render, charts, status) and a thin MkDocs plugin."""
