"""The guide in Firefox and WebKit, through one driver API (driver.py)."""
