package twin

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// File is a twin's steps.yaml.
type File struct {
	// Go is the main package of the authgen app, a path from the repository root.
	Go     string       `yaml:"go"`
	Django DjangoConfig `yaml:"django"`
	// Env is extra environment of both sides; GoEnv and DjangoEnv of one side.
	Env       map[string]string `yaml:"env"`
	GoEnv     map[string]string `yaml:"go_env"`
	DjangoEnv map[string]string `yaml:"django_env"`
	// MaskKeys are JSON keys whose values are volatile wherever they appear.
	MaskKeys []string `yaml:"mask_keys"`
	Steps    []Step   `yaml:"steps"`
}

// DjangoConfig says how the Django project starts.
type DjangoConfig struct {
	Settings string `yaml:"settings"`
	WSGI     string `yaml:"wsgi"`
	// Modules are Python modules the project imports beyond the stack every twin has
	// (django, rest_framework, djoser, rest_framework_simplejwt, guardian, gunicorn).
	Modules []string `yaml:"modules"`
}

// Step is one request, or one operator command, played on every side.
type Step struct {
	Name string `yaml:"name"`

	// A request.
	Method      string            `yaml:"method"`
	Path        string            `yaml:"path"`
	Auth        string            `yaml:"auth"`
	Headers     map[string]string `yaml:"headers"`
	JSON        *jsonBody         `yaml:"json"`
	Body        *string           `yaml:"body"`
	ContentType string            `yaml:"content_type"`

	// An operator command: Run on both sides unless a side has its own arguments.
	Run      []string `yaml:"run"`
	DjangoCL []string `yaml:"django"`
	GoCL     []string `yaml:"go"`
	Password string   `yaml:"password"`

	// A mail: the next message sent to this address; Link's named groups are saved.
	Mail string `yaml:"mail"`
	Link string `yaml:"link"`

	Save    map[string]string `yaml:"save"`
	Mask    []string          `yaml:"mask"`
	Compare []string          `yaml:"compare"`

	// json is JSON decoded into plain Go values (maps, slices, strings, numbers).
	json any
	link *regexp.Regexp
	line int
}

// jsonBody is a request body written in YAML: any value, so no keys are unknown.
type jsonBody struct{ value any }

func (b *jsonBody) UnmarshalYAML(n *yaml.Node) error { return n.Decode(&b.value) }

// IsCommand tells an operator step from a request.
func (s *Step) IsCommand() bool { return s.Run != nil || s.DjangoCL != nil || s.GoCL != nil }

// IsMail tells a mail step from a request.
func (s *Step) IsMail() bool { return s.Mail != "" }

// Allowed is one accepted mismatch of allow.yaml. Step "*" is every step (a difference
// common to many, such as what OPTIONS lists as renders).
type Allowed struct {
	Step   string `yaml:"step"`
	Aspect string `yaml:"aspect"`
	// Dialect, when given, limits the entry to the runs on that database ("sqlite" or
	// "postgres", the Go app and Django alike): where Django on one database answers what
	// authgen deliberately does not (the order of an unordered queryset on PostgreSQL).
	Dialect string `yaml:"dialect"`
	// Path, for aspect body, limits the entry to the differences at that JSON path or
	// below it ("renders", "actions.POST.copies.max_value"); the others still fail.
	Path   string `yaml:"path"`
	Reason string `yaml:"reason"`
	line   int
}

// Aspects are what a step's answers are compared on.
var Aspects = []string{aspectStatus, aspectContentType, aspectBody, aspectAllow, aspectExit}

const (
	aspectStatus      = "status"
	aspectContentType = "content_type"
	aspectBody        = "body"
	aspectAllow       = "allow"
	aspectExit        = "exit"
)

// Load reads and checks dir/steps.yaml and dir/allow.yaml (optional).
func Load(dir string) (*File, []Allowed, error) {
	var f File
	stepsPath := filepath.Join(dir, "steps.yaml")
	if err := decodeStrict(stepsPath, &f); err != nil {
		return nil, nil, err
	}
	var allowed []Allowed
	allowPath := filepath.Join(dir, "allow.yaml")
	if _, err := os.Stat(allowPath); err == nil {
		if err := decodeStrict(allowPath, &allowed); err != nil {
			return nil, nil, err
		}
	}
	if err := f.check(stepsPath); err != nil {
		return nil, nil, err
	}
	if err := checkAllowed(allowPath, allowed, &f); err != nil {
		return nil, nil, err
	}
	return &f, allowed, nil
}

// decodeStrict decodes a YAML file, refusing unknown keys, with positions in its errors.
func decodeStrict(path string, v any) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("%s: %w", path, err)
	}
	// Lines for the messages below: the nodes again, since Decode into a struct drops them.
	var root yaml.Node
	if err := yaml.Unmarshal(raw, &root); err == nil && len(root.Content) == 1 {
		setLines(root.Content[0], v)
	}
	return nil
}

// setLines records where each step or allow entry starts.
func setLines(doc *yaml.Node, v any) {
	var seq *yaml.Node
	switch v.(type) {
	case *File:
		for i := 0; i+1 < len(doc.Content); i += 2 {
			if doc.Content[i].Value == "steps" {
				seq = doc.Content[i+1]
			}
		}
	case *[]Allowed:
		seq = doc
	}
	if seq == nil || seq.Kind != yaml.SequenceNode {
		return
	}
	for i, n := range seq.Content {
		switch v := v.(type) {
		case *File:
			if i < len(v.Steps) {
				v.Steps[i].line = n.Line
			}
		case *[]Allowed:
			if i < len(*v) {
				(*v)[i].line = n.Line
			}
		}
	}
}

func (f *File) check(path string) error {
	var errs []error
	bad := func(line int, format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", path, line, fmt.Sprintf(format, args...)))
	}
	if f.Go == "" {
		bad(1, "go: the Go main package to build is missing")
	}
	if f.Django.Settings == "" {
		f.Django.Settings = "config.settings"
	}
	if f.Django.WSGI == "" {
		f.Django.WSGI = "config.wsgi:application"
	}
	seen := map[string]bool{}
	for i := range f.Steps {
		s := &f.Steps[i]
		switch {
		case s.Name == "":
			bad(s.line, "step without a name")
		case seen[s.Name]:
			bad(s.line, "step name %q used twice", s.Name)
		}
		seen[s.Name] = true
		if s.Link != "" && !s.IsMail() {
			bad(s.line, "step %q: link is for mail steps", s.Name)
		}
		if s.IsMail() {
			if s.IsCommand() || s.Path != "" || s.Method != "" || s.JSON != nil || s.Body != nil || s.Auth != "" {
				bad(s.line, "step %q is a mail step: no request or command keys", s.Name)
			}
			if s.Link != "" {
				re, err := compileLink(s.Link)
				if err != nil {
					bad(s.line, "step %q: link: %v", s.Name, err)
				}
				s.link = re
			}
		} else if s.IsCommand() {
			if s.Path != "" || s.Method != "" || s.JSON != nil || s.Body != nil {
				bad(s.line, "step %q is both a command (run/django/go) and a request", s.Name)
			}
			if (s.DjangoCL == nil || s.GoCL == nil) && s.Run == nil {
				bad(s.line, "step %q: run is needed unless both django and go are given", s.Name)
			}
		} else {
			if s.Path == "" {
				bad(s.line, "step %q: path (a request) or run (a command) is needed", s.Name)
			}
			if s.Method == "" {
				s.Method = "GET"
			}
			s.Method = strings.ToUpper(s.Method)
			if s.JSON != nil && s.Body != nil {
				bad(s.line, "step %q: json and body are exclusive", s.Name)
			}
			if s.JSON != nil {
				s.json = plainJSON(s.JSON.value)
			}
		}
		for _, a := range s.Compare {
			if !knownAspect(a) {
				bad(s.line, "step %q: compare: unknown aspect %q (one of %s)", s.Name, a, strings.Join(Aspects, ", "))
			}
		}
	}
	return errors.Join(errs...)
}

func checkAllowed(path string, allowed []Allowed, f *File) error {
	steps := map[string]bool{}
	for _, s := range f.Steps {
		steps[s.Name] = true
	}
	var errs []error
	for _, a := range allowed {
		switch {
		case a.Step != "*" && !steps[a.Step]:
			errs = append(errs, fmt.Errorf("%s:%d: allowed mismatch names no step: %q", path, a.line, a.Step))
		case !knownAspect(a.Aspect):
			errs = append(errs, fmt.Errorf("%s:%d: unknown aspect %q (one of %s)", path, a.line, a.Aspect, strings.Join(Aspects, ", ")))
		case a.Path != "" && a.Aspect != aspectBody:
			errs = append(errs, fmt.Errorf("%s:%d: path is for aspect body only", path, a.line))
		case a.Dialect != "" && a.Dialect != "sqlite" && a.Dialect != "postgres":
			errs = append(errs, fmt.Errorf("%s:%d: dialect %q is neither sqlite nor postgres", path, a.line, a.Dialect))
		case strings.TrimSpace(a.Reason) == "":
			errs = append(errs, fmt.Errorf("%s:%d: allowed mismatch of %q without a reason", path, a.line, a.Step))
		}
	}
	return errors.Join(errs...)
}

func knownAspect(a string) bool {
	for _, k := range Aspects {
		if a == k {
			return true
		}
	}
	return false
}

// plainJSON turns what yaml.v3 decodes (map[string]any, ints) into what encoding/json
// decodes (float64 numbers), so request bodies and saved values compare alike.
func plainJSON(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			v[k] = plainJSON(e)
		}
		return v
	case []any:
		for i, e := range v {
			v[i] = plainJSON(e)
		}
		return v
	case int:
		return float64(v)
	case int64:
		return float64(v)
	case uint64:
		return float64(v)
	default:
		return v
	}
}
