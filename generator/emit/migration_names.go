package emit

// pgName is the name PostgreSQL gives a constraint or sequence it creates for a table
// (makeObjectName in its source): "<table>_<column>_<label>", where the longer of table and
// column is cut first until the whole fits in 63 bytes. A later migration names the
// constraint this way instead of asking the database: "store_category_name_key" (UNIQUE),
// "store_review_product_id_fkey" (REFERENCES), "store_review_pkey", "store_review_id_seq".
func pgName(table, column, label string) string {
	overhead := len(label) + 1
	if column != "" {
		overhead++
	}
	avail := 63 - overhead
	t, c := len(table), len(column)
	for t+c > avail {
		if t > c {
			t--
		} else {
			c--
		}
	}
	name := table[:t]
	if column != "" {
		name += "_" + column[:c]
	}
	return name + "_" + label
}
