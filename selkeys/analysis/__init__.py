"""Language analyzers: text -> sentences -> tokens with readings."""
