"""What installs on the application for every request: headers, inputs, logs, languages, limits."""
