package schema

import "slices"

// Changes are what a migration does to take a database from one state to another.
type Changes struct {
	From *State
	// To is the target state. Columns that tables in both states keep stay in their order
	// and new ones come last, as ALTER TABLE ADD COLUMN puts them.
	To *State
	// Renames are the renames this migration makes (a subset of those asked for).
	Renames Renames

	Tables  []*TableChange // tables in both states that change, in the order of their names in To
	Created []*Table       // tables only in To, each after the tables it references
	Dropped []*Table       // tables only in From, each before the tables it references

	ContentTypesAdded   []ContentType
	ContentTypesRemoved []ContentType
	ContentTypesRenamed []ContentTypeRename
	PermissionsAdded    []Permission
	PermissionsRemoved  []Permission
	PermissionsChanged  []PermissionChange // a new codename, name or content type
}

// TableChange is a table in both states whose name, columns or indexes change.
type TableChange struct {
	From, To *Table // From.Name != To.Name when the table is renamed
	// Kept are the columns the table keeps, in From's order; Columns those of them that are
	// renamed or altered.
	Kept    []ColumnChange
	Columns []ColumnChange
	Added   []*Column // in To's order
	Dropped []*Column // in From's order
	// IndexesDropped are From's indexes that go (or change); IndexesCreated To's that come.
	IndexesDropped, IndexesCreated []*Index
}

// ColumnChange is a column kept by a table that is renamed, altered or both.
type ColumnChange struct {
	From, To *Column
	Renamed  bool // From.Name != To.Name
	Altered  bool // the definition changes (a reference to a renamed table is no change)
}

// ContentTypeRename is a content type whose model is renamed.
type ContentTypeRename struct{ From, To ContentType }

// PermissionChange is a permission kept with a new codename, name or content type.
type PermissionChange struct{ From, To Permission }

// Renamed reports whether the table is renamed.
func (tc *TableChange) Renamed() bool { return tc.From.Name != tc.To.Name }

// Empty reports whether the changes do nothing to the database.
func (c *Changes) Empty() bool {
	return len(c.Tables) == 0 && len(c.Created) == 0 && len(c.Dropped) == 0 &&
		len(c.ContentTypesAdded) == 0 && len(c.ContentTypesRemoved) == 0 && len(c.ContentTypesRenamed) == 0 &&
		len(c.PermissionsAdded) == 0 && len(c.PermissionsRemoved) == 0 && len(c.PermissionsChanged) == 0
}

// Compare returns the changes from the state from to the state want, making the renames
// asked for where both states bear them out. The result's To is want with the column order
// a migration gives (see Changes.To) and from's Migrations.
func Compare(from, want *State, renames Renames) *Changes {
	c := &Changes{From: from, Renames: newRenames()}
	to := &State{Migrations: slices.Clone(from.Migrations), ContentTypes: want.ContentTypes, Permissions: want.Permissions}
	c.To = to

	formerTable := invert(renames.Tables)
	matched := map[string]bool{} // from's tables that are kept
	type pair struct{ from, want *Table }
	var pairs []pair
	for _, w := range want.Tables {
		f := from.Table(w.Name)
		if f == nil {
			if old := formerTable[w.Name]; old != "" && from.Table(old) != nil && want.Table(old) == nil {
				f = from.Table(old)
				c.Renames.Tables[old] = w.Name
			}
		}
		if f == nil {
			to.Tables = append(to.Tables, w)
			c.Created = append(c.Created, w)
			continue
		}
		matched[f.Name] = true
		pairs = append(pairs, pair{f, w})
	}
	for _, f := range from.Tables {
		if !matched[f.Name] {
			c.Dropped = append(c.Dropped, f)
		}
	}
	for _, p := range pairs {
		tc, kept := c.compareTable(p.from, p.want, renames.Columns[p.want.Name])
		to.Tables = append(to.Tables, kept)
		if tc != nil {
			c.Tables = append(c.Tables, tc)
		}
	}
	sortState(to)
	c.Created = dependencyOrder(c.Created)
	c.Dropped = dependencyOrder(c.Dropped)
	slices.Reverse(c.Dropped)
	c.compareRows(from, want, renames.ContentTypes)
	return c
}

// compareTable matches the columns and indexes of a kept table. It returns the change (nil
// when there is none) and the table as the migration leaves it.
func (c *Changes) compareTable(from, want *Table, renames map[string]string) (*TableChange, *Table) {
	tc := &TableChange{From: from}
	formerColumn := invert(renames)
	keptFrom := map[string]*Column{} // from's column by the name of want's column it becomes
	matched := map[string]bool{}
	for _, w := range want.Columns {
		f := from.Column(w.Name)
		if f == nil {
			if old := formerColumn[w.Name]; old != "" && from.Column(old) != nil && want.Column(old) == nil {
				f = from.Column(old)
				c.Renames.column(want.Name, old, w.Name)
			}
		}
		if f == nil {
			tc.Added = append(tc.Added, w)
			continue
		}
		matched[f.Name] = true
		keptFrom[w.Name] = f
	}
	// The table as the migration leaves it: kept columns in their order, then new ones.
	kept := *want
	kept.Columns = nil
	kept.LossAllowedBy = from.LossAllowedBy
	for _, f := range from.Columns {
		if !matched[f.Name] {
			tc.Dropped = append(tc.Dropped, f)
			continue
		}
		for _, w := range want.Columns {
			if keptFrom[w.Name] == f {
				if f.LossAllowedBy != "" {
					carried := *w
					carried.LossAllowedBy = f.LossAllowedBy
					w = &carried
				}
				kept.Columns = append(kept.Columns, w)
				cc := ColumnChange{From: f, To: w, Renamed: f.Name != w.Name, Altered: !sameColumn(c.Referencing(f), w)}
				tc.Kept = append(tc.Kept, cc)
				if cc.Renamed || cc.Altered {
					tc.Columns = append(tc.Columns, cc)
				}
			}
		}
	}
	kept.Columns = append(kept.Columns, tc.Added...)
	tc.To = &kept

	// Indexes are matched by name; one whose columns were renamed under it is the same.
	for _, ix := range from.Indexes {
		w := want.Index(ix.Name)
		if w == nil || !sameIndex(renameColumns(ix, c.Renames.Columns[want.Name]), w) {
			tc.IndexesDropped = append(tc.IndexesDropped, ix)
		}
	}
	for _, w := range want.Indexes {
		f := from.Index(w.Name)
		if f == nil || !sameIndex(renameColumns(f, c.Renames.Columns[want.Name]), w) {
			tc.IndexesCreated = append(tc.IndexesCreated, w)
		}
	}
	if from.Name == want.Name && len(tc.Columns) == 0 && len(tc.Added) == 0 && len(tc.Dropped) == 0 &&
		len(tc.IndexesDropped) == 0 && len(tc.IndexesCreated) == 0 {
		return nil, &kept
	}
	return tc, &kept
}

// Referencing returns a column of From with its reference following the migration's table
// renames: a foreign key follows its table on both databases, so that is no change.
func (c *Changes) Referencing(col *Column) *Column {
	to, ok := c.Renames.Tables[col.References]
	if !ok {
		return col
	}
	renamed := *col
	renamed.References = to
	return &renamed
}

func renameColumns(ix *Index, renames map[string]string) *Index {
	out := *ix
	out.Columns = make([]string, len(ix.Columns))
	for i, col := range ix.Columns {
		out.Columns[i] = col
		if to, ok := renames[col]; ok {
			out.Columns[i] = to
		}
	}
	return &out
}

// compareRows matches content types and permissions.
func (c *Changes) compareRows(from, want *State, renames map[ContentType]ContentType) {
	has := func(list []ContentType, ct ContentType) bool { return slices.Contains(list, ct) }
	for old, ct := range renames {
		if has(from.ContentTypes, old) && !has(want.ContentTypes, old) && has(want.ContentTypes, ct) && !has(from.ContentTypes, ct) {
			c.Renames.ContentTypes[old] = ct
			c.ContentTypesRenamed = append(c.ContentTypesRenamed, ContentTypeRename{old, ct})
		}
	}
	slices.SortFunc(c.ContentTypesRenamed, func(a, b ContentTypeRename) int { return compareContentTypes(a.To, b.To) })
	renamedTo := invertCT(c.Renames.ContentTypes)
	for _, ct := range want.ContentTypes {
		if !has(from.ContentTypes, ct) && renamedTo[ct] == (ContentType{}) {
			c.ContentTypesAdded = append(c.ContentTypesAdded, ct)
		}
	}
	for _, ct := range from.ContentTypes {
		if !has(want.ContentTypes, ct) && c.Renames.ContentTypes[ct] == (ContentType{}) {
			c.ContentTypesRemoved = append(c.ContentTypesRemoved, ct)
		}
	}

	fromPerms := map[string]Permission{}
	for _, p := range from.Permissions {
		fromPerms[p.key()] = p
	}
	wantPerms := map[string]Permission{}
	for _, p := range want.Permissions {
		wantPerms[p.key()] = p
	}
	// A renamed model's default permissions are renamed with it: add_oldname → add_newname.
	formerKey := map[string]string{}
	for _, r := range c.ContentTypesRenamed {
		for _, action := range DefaultActions {
			old, cur := r.From.App+"."+action+"_"+r.From.Model, r.To.App+"."+action+"_"+r.To.Model
			_, inFrom := fromPerms[old]
			_, stays := wantPerms[old]
			_, existed := fromPerms[cur]
			if inFrom && !stays && !existed {
				formerKey[cur] = old
			}
		}
	}
	kept := map[string]bool{}
	for _, w := range want.Permissions {
		f, ok := fromPerms[w.key()]
		if !ok {
			if old := formerKey[w.key()]; old != "" {
				f, ok = fromPerms[old], true
			}
		}
		if !ok {
			c.PermissionsAdded = append(c.PermissionsAdded, w)
			continue
		}
		kept[f.key()] = true
		moved := f
		if ct, renamed := c.Renames.ContentTypes[f.contentType()]; renamed {
			moved.Model = ct.Model
		}
		if moved != w {
			c.PermissionsChanged = append(c.PermissionsChanged, PermissionChange{From: f, To: w})
		}
	}
	for _, f := range from.Permissions {
		if !kept[f.key()] {
			c.PermissionsRemoved = append(c.PermissionsRemoved, f)
		}
	}
}

// dependencyOrder orders tables so that each comes after the tables of the list it
// references (Kahn's algorithm, ties in name order). Tables in a cycle keep name order.
func dependencyOrder(tables []*Table) []*Table {
	byName := map[string]*Table{}
	for _, t := range tables {
		byName[t.Name] = t
	}
	done := map[string]bool{}
	var out []*Table
	for len(out) < len(tables) {
		progressed := false
		for _, t := range tables {
			if done[t.Name] || !refsDone(t, byName, done) {
				continue
			}
			done[t.Name] = true
			out = append(out, t)
			progressed = true
		}
		if !progressed {
			for _, t := range tables {
				if !done[t.Name] {
					done[t.Name] = true
					out = append(out, t)
				}
			}
		}
	}
	return out
}

func refsDone(t *Table, pending map[string]*Table, done map[string]bool) bool {
	for _, col := range t.Columns {
		if r := col.References; r != "" && r != t.Name && pending[r] != nil && !done[r] {
			return false
		}
	}
	return true
}

func invert(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}

func invertCT(m map[ContentType]ContentType) map[ContentType]ContentType {
	out := make(map[ContentType]ContentType, len(m))
	for k, v := range m {
		out[v] = k
	}
	return out
}

// Inverse returns the changes that undo c: from c.To back to c.From, undoing its renames.
func (c *Changes) Inverse() *Changes {
	return Compare(c.To, c.From, c.Renames.inverse())
}

// CurrentContentType returns where a content type of From is once the migration's content
// type renames are made.
func (c *Changes) CurrentContentType(ct ContentType) ContentType {
	if to, ok := c.Renames.ContentTypes[ct]; ok {
		return to
	}
	return ct
}
