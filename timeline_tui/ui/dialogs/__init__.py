"""Modal dialogs, each a typed ModalScreen that dismisses with its result."""
