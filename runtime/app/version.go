package app

import (
	"fmt"
	"runtime/debug"
)

// versionCmd prints what the binary was built from: the app, its module's version (or the
// VCS revision of a development build), the authgen runtime's module version and Go's.
func versionCmd(def *Definition, args []string, env Env) error {
	if len(args) > 0 {
		return fmt.Errorf("%w: version takes no arguments", errUsage)
	}
	info, ok := debug.ReadBuildInfo()
	if !ok {
		fmt.Fprintf(env.Stdout, "%s (no build information)\n", def.Name)
		return nil
	}
	fmt.Fprintf(env.Stdout, "%s %s\n", def.Name, buildVersion(info))
	fmt.Fprintf(env.Stdout, "module %s\n", info.Main.Path)
	for _, dep := range info.Deps {
		if dep.Path == runtimeModule {
			v := dep.Version
			if dep.Replace != nil {
				v += " => " + dep.Replace.Path
				if dep.Replace.Version != "" {
					v += " " + dep.Replace.Version
				}
			}
			fmt.Fprintf(env.Stdout, "authgen %s\n", v)
		}
	}
	fmt.Fprintf(env.Stdout, "built with %s\n", info.GoVersion)
	return nil
}

// runtimeModule is the module this package belongs to.
const runtimeModule = "github.com/authgen/authgen"

// buildVersion is the main module's version when built from a tagged module, else the VCS
// revision (with "+dirty" for uncommitted changes), else "(devel)".
func buildVersion(info *debug.BuildInfo) string {
	if v := info.Main.Version; v != "" && v != "(devel)" {
		return v
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				modified = "+dirty"
			}
		}
	}
	if rev != "" {
		return "devel " + rev + modified
	}
	return "(devel)"
}
