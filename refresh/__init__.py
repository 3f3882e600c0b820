"""The yearly data refresh: scripts that rebuild data/ from its sources, run from the
repository root by a maintainer (`python -m refresh.sipri EXPORT.csv`, `python -m refresh.airforce
DAILY.csv`, `python -m refresh.worldmap countries-110m.json`, `python -m refresh.make_datapackage`,
`python -m refresh.fill_mtcr_category`). Not part of the student package: chapters and exercises
only read the tables (dronediplomacy.data.load)."""
