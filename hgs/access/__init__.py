"""Who may do what: users, passwords, roles, sessions, joining, the audit log."""
