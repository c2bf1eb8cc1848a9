"""Rules every app shares and none owns: the lowest layer, importing no app of the project."""
