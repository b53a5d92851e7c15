"""The application's name, as shown in titles and used for settings and data folders."""

APP_NAME = "KPI Desk"
ORG_NAME = "KPI Desk"
