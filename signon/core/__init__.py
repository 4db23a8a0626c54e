"""What every package rests on: the settings, and the errors services raise."""
