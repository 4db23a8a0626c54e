"""Importing sign-ons a coalition already has, from a spreadsheet, a form's export or a list."""
