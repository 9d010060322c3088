"""The view: what the screen shows, as plain data (rows, labels, the view state); no Textual."""
