"""Qt delegates of KPI Desk."""
