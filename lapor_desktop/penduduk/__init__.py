"""The desa's population register from OpenSID: import, look-up by NIK or name, clear."""
