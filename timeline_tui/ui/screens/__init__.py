"""The main screen: the only go-between of the panes."""
