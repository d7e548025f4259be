// Package app is the operating contract of a generated app: one binary whose subcommands run
// the server and the operator's chores, configured by the environment.
//
// # Settings
//
//	ADDR          where serve listens, default 127.0.0.1:8000
//	DATABASE_URL  sqlite://PATH (default sqlite://<app>.db) or postgres://…
//	EMAIL_URL     console:// (default: mails are printed) or smtp://host:port
//	CACHE_URL     memory:// (default) or redis://host:port/db: the throttling and log-in
//	              counters, shared by the instances on one Redis (runtime/cache)
//	AUTH_CACHE    on (default) or off: keep each user and its permission set between
//	              requests, every change applied before the next request of every instance
//	              (runtime/authcache; on PostgreSQL serve installs its triggers)
//	HTTP_SERVER   httpserve (default) or net/http: serve's HTTP/1.1 server (runtime/httpserve),
//	              or the standard library's http.Server, for HTTP/2 over h2c, Hijack or its
//	              exact behaviour
//	SECRET_KEY    signs JWTs (HS*) and the mailed links, at least 32 bytes; serve refuses a short
//	              or published key, and unset signs with a random key of its own, with a warning
//
// # Commands
//
//	serve                                   apply pending migrations, then serve (the default)
//	migrate [NAME|zero]                     apply migrations up to NAME (default: all), or back down to it
//	migrate --fake NAME                     record the next pending migration NAME as applied without running it
//	showmigrations                          list migrations and whether they are applied
//	sqlmigrate NAME [--down]                print a migration's SQL
//	createsuperuser --username U --email E [--noinput]   password from SUPERUSER_PASSWORD
//	changepassword USER                     password from SUPERUSER_PASSWORD, or asked on stdin
//	flushexpiredtokens                      purge expired rows of the JWT blacklist tables
//	groups list                             every group and its permissions
//	groups create NAME [--perm P]...        create a group (or add permissions to it)
//	groups add-user NAME USER | groups remove-user NAME USER
//	perms grant USER P... | perms revoke USER P... | perms list [USER]
//	perms grant-object USER P CT ID | perms revoke-object USER P CT ID
//
// USER is the login field's value, as Django's management commands take USERNAME_FIELD: the
// username, or the e-mail address when users log in with it (createsuperuser then needs
// only --email). CT, the object's content type, is Django's natural key app_label.model
// ("shop.product") or the model's name.
//
// A generated package describes itself with a Definition; its main calls Main.
package app
