"""The panels of the counter window (channel row, outcome, details, tiles, favourites,
today's list, tally strip) and the worker that stores the desk's writes in order."""
