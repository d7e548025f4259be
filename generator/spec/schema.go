package spec

// SchemaURL is where editors find the JSON Schema of the spec, authgen.schema.json in this
// package's directory: the path is stable, and the schema is checked against the parser's
// keys and every spec of the repository (schema_test.go).
const SchemaURL = "https://raw.githubusercontent.com/authgen/authgen/main/generator/spec/authgen.schema.json"

// SchemaComment is the first line of a spec that points YAML editors (the yaml-language-server
// of VS Code, JetBrains, Neovim, …) at the schema, for completion and checks as one types.
const SchemaComment = "# yaml-language-server: $schema=" + SchemaURL
