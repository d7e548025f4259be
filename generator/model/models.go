package model

// Model is a model: one table, one Go struct, Django's content type and permissions.
type Model struct {
	Name        string     // spec name, also the Go type name: "Product"
	GoName      string     // Go type name (same as Name; kept separate so emitters never derive it)
	Names       ModelNames // the other package-level Go names of the model
	Table       string     // "store_product": <app>_<lowercase name>, as Django
	ContentType string     // django_content_type.model: "product"
	VerboseName string     // "product"; Django's verbose_name (CamelCase split into words, lowercase)
	Description string     // Go doc comment text, may be ""

	ID     *Field   // the implicit primary key: Name "id", GoName "ID", Column "id", Type ID
	Fields []*Field // spec order, without ID
	// Permissions: the default four (add, change, delete, view, in that order) then the
	// custom ones in spec order.
	Permissions []*Permission
	// OwnerPaths are the paths of more than one step that object classes compare on this
	// model's rows, sorted by Text: a loaded row is given the users they reach (OwnerOf).
	OwnerPaths []*OwnerPath
	// Indexes are the model's own indexes (the spec's indexes: Django's Meta.indexes and
	// unique_together), in spec order.
	Indexes []*Index

	// RenamedFrom is the model's former name ("" when none): the next migration renames its
	// table, content type and default permissions instead of dropping and creating them.
	RenamedFrom string
	// AllowDataLoss lets the next migration drop this model's removed fields and narrow its
	// fields' types.
	AllowDataLoss bool

	Pos Pos
}

// Index is an index over some of a model's fields.
type Index struct {
	Fields []*Field // in index order; never a many_to_many
	// Name is the name the spec gives it; "" lets generator/schema give Django's.
	Name   string
	Unique bool // unique together
	Pos    Pos
}

// Field returns the field called name (including "id"), or nil.
func (m *Model) Field(name string) *Field {
	if name == "id" {
		return m.ID
	}
	for _, f := range m.Fields {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// Permission is a Django permission row (auth_permission) of a model.
type Permission struct {
	Model    *Model
	Codename string // "can_publish_product", "add_product"
	Name     string // "Can publish product", "Can add product"
	Full     string // "store.can_publish_product": what has_perm and the CLI take
	GoName   string // Go constant name: "PermCanPublishProduct", "PermAddProduct"
	Default  bool   // one of the four of every model
	Pos      Pos    // zero for the defaults
}
