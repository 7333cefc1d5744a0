"""Figures whose labels are translated: fitting each label into its slot of the drawing."""
