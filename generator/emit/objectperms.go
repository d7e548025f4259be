package emit

import (
	"fmt"
	"strings"

	. "github.com/dave/jennifer/jen"

	"github.com/authgen/authgen/generator/model"
)

// usesObjectPerms reports whether a permission depends on DjangoObjectPermissions, directly
// or through expr classes.
func usesObjectPerms(x *model.Expr) bool {
	if x == nil {
		return false
	}
	if x.Op != model.Ref {
		return usesObjectPerms(x.X) || usesObjectPerms(x.Y)
	}
	c := x.Class
	return c == model.DjangoObjectPermissions || (c.Kind == model.ExprClass && usesObjectPerms(c.Expr))
}

// objectFiltered reports whether the endpoint's lists and detail lookups show only the objects
// the caller holds the view permission on: django-guardian's ObjectPermissionsFilter, which
// goes with DjangoObjectPermissions. It is a filter of the view (DRF's filter_backends), so
// the endpoint's own permissions decide, and its actions' lookups are filtered alike.
func objectFiltered(e *model.Endpoint) bool {
	if usesObjectPerms(e.Permission) {
		return true
	}
	for _, mp := range e.MethodPermissions {
		if usesObjectPerms(mp.Permission) {
			return true
		}
	}
	return false
}

// viewPermission is the model's view permission: what the object-permission filter requires.
func viewPermission(m *model.Model) *model.Permission {
	for _, p := range m.Permissions {
		if p.Default && p.Codename == "view_"+m.ContentType {
			return p
		}
	}
	panic("emit: model " + m.Name + " has no view permission") // the model always declares the four defaults
}

// rowFilter returns the SQL condition restricting the rows of e a caller may see, its
// placeholders numbered from param, and the arguments they take; "" when every row is
// visible. It joins with AND:
//   - owner scoping (`scope:`): the row's user field is the caller;
//   - the object-permission filter: superusers see every row, anyone else the rows they hold
//     the view permission on through a per-object grant, their own or a group's (guardian's
//     get_objects_for_user with accept_global_perms=False). One query, parameterised.
func rowFilter(e *model.Endpoint, param int) (string, []Code) {
	var conds []string
	var args []Code
	if w, wargs := scopeWhere(e, param); w != "" {
		conds = append(conds, w)
		args = append(args, wargs...)
		param += len(wargs)
	}
	if objectFiltered(e) {
		m := e.Model
		view := viewPermission(m)
		app := strings.TrimSuffix(view.Full, "."+view.Codename)
		conds = append(conds, fmt.Sprintf(`($%d OR CAST(%s."id" AS varchar(255)) IN (`+
			`SELECT op."object_pk" FROM "authgen_object_permission" op `+
			`JOIN "auth_permission" p ON p."id" = op."permission_id" `+
			`JOIN "django_content_type" ct ON ct."id" = p."content_type_id" `+
			`WHERE ct."app_label" = $%d AND p."codename" = $%d AND (op."user_id" = $%d `+
			`OR op."group_id" IN (SELECT ug."group_id" FROM "auth_user_groups" ug WHERE ug."user_id" = $%d))))`,
			param, quote(m.Table), param+1, param+2, param+3, param+3))
		args = append(args,
			Id("req").Dot("Subject").Dot("IsSuperuser"), Lit(app), Lit(view.Codename), Id("req").Dot("Subject").Dot("UserID"))
	}
	return strings.Join(conds, " AND "), args
}
