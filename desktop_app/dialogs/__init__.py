"""Qt dialogs of KPI Desk."""
