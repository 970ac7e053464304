"""Singer tap and write-back target for the Paradox ATS, emitting the unified ATS model."""
