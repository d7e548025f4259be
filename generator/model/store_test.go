package model_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/authgen/authgen/generator/model"
)

func loadStore(t *testing.T) *model.App {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("..", "..", "testdata", "specs", "store", "authgen.yaml"))
	require.NoError(t, err)
	app, errs := model.Load("authgen.yaml", src)
	require.NoError(t, errs.Err())
	return app
}

func endpoint(t *testing.T, app *model.App, name string) *model.Endpoint {
	t.Helper()
	for _, e := range app.Endpoints {
		if e.Name == name {
			return e
		}
	}
	t.Fatalf("no endpoint %q", name)
	return nil
}

func fieldNames(fs []*model.Field) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Name)
	}
	return out
}

func TestStoreSpec(t *testing.T) {
	app := loadStore(t)
	require.Equal(t, "store", app.Name)
	require.Equal(t, "authgen.yaml", app.SpecFile)
	require.Equal(t, ".", app.OutputDir)
	require.Equal(t, "/auth/", app.AuthMount)
	require.Equal(t, "/store/", app.APIMount)

	var names []string
	for _, m := range app.Models {
		names = append(names, m.Name)
	}
	require.Equal(t, []string{"Product", "Category", "Review", "Profile", "Customer", "Announcement", "Order"}, names)

	product := app.Models[0]
	require.Equal(t, "store_product", product.Table)
	require.Equal(t, "A thing the store sells.", product.Description)
	price := product.Field("price")
	require.Equal(t, model.Decimal, price.Type)
	require.Equal(t, 10, price.MaxDigits)
	require.Equal(t, 2, price.DecimalPlaces)
	published := product.Field("published")
	require.True(t, published.ReadOnly)
	require.Equal(t, &model.Value{Kind: model.BoolValue, Bool: false}, published.Default)
	require.Equal(t, model.Text, product.Field("description").Type)
	var codenames []string
	for _, p := range product.Permissions {
		codenames = append(codenames, p.Codename)
	}
	require.Equal(t, []string{"add_product", "change_product", "delete_product", "view_product", "can_publish_product"}, codenames)
	require.Equal(t, "PermCanPublishProduct", product.Permissions[4].GoName)
	require.Equal(t, "store.can_publish_product", product.Permissions[4].Full)
	require.Len(t, app.Permissions, 7*4+1)

	reviews := endpoint(t, app, "reviews")
	owner := reviews.Model.Field("owner")
	require.True(t, owner.ToUser)
	require.True(t, owner.Owner)
	require.True(t, owner.ReadOnly)
	require.Equal(t, "username", owner.Display)
	require.Equal(t, "owner_id", owner.Column)
	require.Equal(t, "OwnerID", owner.GoName)
	require.Equal(t, "IsAuthenticatedOrReadOnly & IsOwnerOrReadOnly", reviews.Permission.String())
	rating := reviews.Model.Field("rating")
	require.Equal(t, int64(1), rating.Min.Int)
	require.Equal(t, int64(5), rating.Max.Int)
	require.Same(t, app.Models[0], reviews.Model.Field("product").To, "relations point at the shared *Model")

	products := endpoint(t, app, "products")
	require.Equal(t, "/store/products/", products.Path)
	require.Equal(t, []string{"id", "name", "description", "price", "published"}, fieldNames(products.Fields))
	require.Same(t, product.ID, products.Fields[0])
	require.Equal(t, []string{"GET", "POST", "PUT", "PATCH", "DELETE"}, products.Methods)
	require.Nil(t, products.Pagination)
	publish := products.Actions[0]
	require.Equal(t, "/store/products/{id}/publish/", publish.Path)
	require.Equal(t, model.SetAction, publish.Kind)
	require.Equal(t, []string{"POST"}, publish.Methods)
	require.Equal(t, []model.Assignment{{Field: published, Value: model.Value{Kind: model.BoolValue, Bool: true}}}, publish.Set)
	require.Equal(t, "CanPublishProduct", publish.Permission.String())
	can := publish.Permission.Class
	require.Equal(t, model.Requires, can.Kind)
	require.Same(t, product.Permissions[4], can.Requires)
	require.Equal(t, "You do not have permission to publish products.", can.Message)

	view := products.Permission.Class
	require.Equal(t, model.Methods, view.Kind)
	var methods []string
	for _, mp := range view.Methods {
		methods = append(methods, mp.Method+"="+mp.Perm.Codename)
	}
	require.Equal(t, []string{"DELETE=delete_product", "GET=view_product", "HEAD=view_product", "OPTIONS=view_product", "PATCH=change_product", "POST=add_product", "PUT=change_product"}, methods)

	profiles := endpoint(t, app, "profiles")
	require.Len(t, profiles.Scope.Paths, 1)
	require.Equal(t, []*model.Field{profiles.Model.Field("user")}, profiles.Scope.Paths[0].Steps)
	require.Equal(t, []string{"id", "dob", "bio"}, fieldNames(profiles.Fields))
	require.True(t, profiles.Model.Field("dob").Null)

	customers := endpoint(t, app, "customers")
	me := customers.Actions[0]
	require.Equal(t, model.SingletonAction, me.Kind)
	require.Equal(t, "/store/customers/me/", me.Path)
	require.False(t, me.Detail)
	require.Equal(t, []string{"GET", "PUT"}, me.Methods)
	require.Same(t, customers.Model.Field("user"), me.Singleton)
	require.Same(t, model.IsAuthenticated, me.Permission.Class)
	require.Same(t, model.IsAdminUser, customers.Permission.Class)

	announcements := endpoint(t, app, "announcements")
	adminOrRO := announcements.Permission.Class
	require.Equal(t, model.ExprClass, adminOrRO.Kind)
	require.Equal(t, "ReadOnly | IsAdminUser", adminOrRO.Expr.String())

	orders := endpoint(t, app, "orders")
	require.Same(t, model.DjangoModelPermissions, orders.Permission.Class)
	require.Equal(t, []string{"id", "product", "owner", "quantity"}, fieldNames(orders.Fields))

	var classes []string
	for _, c := range app.Classes {
		classes = append(classes, c.Name)
	}
	require.Equal(t, []string{"CanPublishProduct", "IsAdminOrReadOnly", "IsOwnerOrReadOnly", "ViewProductPermission"}, classes)
	require.Equal(t, []string{"owner"}, app.Classes[2].OwnerFields)
	require.True(t, app.Classes[2].SafeMethods)

	jwt := app.Auth.JWT
	require.Equal(t, []string{"Bearer", "JWT"}, jwt.HeaderTypes)
	require.Equal(t, 5*time.Minute, jwt.AccessLifetime)
	require.Equal(t, 24*time.Hour, jwt.RefreshLifetime)
	require.True(t, jwt.RotateRefreshTokens && jwt.BlacklistAfterRotation && jwt.UpdateLastLogin)
	require.True(t, app.Auth.TokenAuth)
	require.Len(t, app.Auth.Password.Validators, 4)

	acc := app.Accounts
	require.True(t, acc.Flags["send_activation_email"] && acc.Flags["hide_users"] && acc.Flags["password_changed_email_confirmation"])
	require.Equal(t, "store.local", acc.Texts["domain"])
	require.Equal(t, "#/activate/{uid}/{token}", acc.Texts["activation_url"])
	perms := map[string]string{}
	for _, p := range acc.Permissions {
		perms[p.Key] = p.Expr.String()
	}
	require.Equal(t, "IsAdminUser", perms["user_list"])
	require.Equal(t, "CurrentUserOrAdmin", perms["user"])
	require.Equal(t, "AllowAny", perms["user_create"])
	require.Equal(t, []string{"first_name", "last_name"}, app.Serializers.UserCreate)
	require.Nil(t, app.Serializers.User)
}

// TestStoreIsDeterministic builds the spec twice: emitters rely on the same IR every run.
func TestStoreIsDeterministic(t *testing.T) {
	a, b := loadStore(t), loadStore(t)
	require.Equal(t, a, b)
}
