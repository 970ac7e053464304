"""target-paradox: writes unified ATS inputs (applicants, CVs, stages, notes) to Paradox."""
