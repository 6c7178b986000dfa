-- tfsweep results schema, version 3: classifiers.
--
-- A classifier's trial keeps its validation confusion matrix (at the epoch its final
-- metrics come from) as JSON {"classes": [...], "counts": [[...], ...]} with
-- counts[true][predicted]; its saved weights keep the class names in output order, so an
-- exported model can name what it predicts. Both are NULL for regression.

ALTER TABLE trials ADD COLUMN confusion TEXT;
ALTER TABLE weights ADD COLUMN classes TEXT;
