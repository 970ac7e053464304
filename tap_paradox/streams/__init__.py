"""The tap's streams: candidate pass streams, feed and derived streams, users and locations."""
