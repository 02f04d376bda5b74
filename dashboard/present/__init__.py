"""Presentation mode: slides for projectors, saved decks, the deck as PDF. Imports ui and data_access."""
