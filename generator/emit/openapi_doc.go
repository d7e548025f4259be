package emit

import "encoding/json"

// The OpenAPI 3.1 document's objects, as much of them as openapi.json uses. Struct fields
// keep the order OpenAPI's own documents use; maps (paths, properties, responses) are
// written with sorted keys by encoding/json, so the document is the same bytes every time.

type oaDocument struct {
	OpenAPI    string             `json:"openapi"`
	Info       oaInfo             `json:"info"`
	Servers    []oaServer         `json:"servers"`
	Tags       []oaTag            `json:"tags"`
	Paths      map[string]*oaPath `json:"paths"`
	Components oaComponents       `json:"components"`
}

type oaInfo struct {
	Title       string `json:"title"`
	Version     string `json:"version"`
	Description string `json:"description"`
}

type oaServer struct {
	URL         string `json:"url"`
	Description string `json:"description"`
}

type oaTag struct {
	Name        string `json:"name"`
	Description string `json:"description"`
}

// oaPath is a path item: its parameters and one operation per method.
type oaPath struct {
	Parameters []oaParameter `json:"parameters,omitempty"`
	Get        *oaOperation  `json:"get,omitempty"`
	Put        *oaOperation  `json:"put,omitempty"`
	Post       *oaOperation  `json:"post,omitempty"`
	Delete     *oaOperation  `json:"delete,omitempty"`
	Patch      *oaOperation  `json:"patch,omitempty"`
}

// set puts op at method.
func (p *oaPath) set(method string, op *oaOperation) {
	switch method {
	case "GET":
		p.Get = op
	case "PUT":
		p.Put = op
	case "POST":
		p.Post = op
	case "DELETE":
		p.Delete = op
	case "PATCH":
		p.Patch = op
	}
}

type oaOperation struct {
	OperationID string                 `json:"operationId"`
	Summary     string                 `json:"summary"`
	Tags        []string               `json:"tags"`
	Parameters  []oaParameter          `json:"parameters,omitempty"`
	RequestBody *oaRequestBody         `json:"requestBody,omitempty"`
	Responses   map[string]*oaResponse `json:"responses"`
	// Security lists the alternatives; {} among them means no credentials are needed.
	Security []map[string][]string `json:"security"`
}

type oaParameter struct {
	Name        string    `json:"name"`
	In          string    `json:"in"`
	Required    bool      `json:"required"`
	Description string    `json:"description"`
	Schema      *oaSchema `json:"schema"`
}

type oaRequestBody struct {
	Required bool                   `json:"required"`
	Content  map[string]oaMediaType `json:"content"`
}

type oaMediaType struct {
	Schema *oaSchema `json:"schema"`
}

// oaResponse is a response, or a reference to one of components.responses.
type oaResponse struct {
	Ref         string                 `json:"$ref,omitempty"`
	Description string                 `json:"description,omitempty"`
	Content     map[string]oaMediaType `json:"content,omitempty"`
}

// oaSchema is a JSON Schema (2020-12, as OpenAPI 3.1 takes it).
type oaSchema struct {
	Ref         string      `json:"$ref,omitempty"`
	Description string      `json:"description,omitempty"`
	AnyOf       []*oaSchema `json:"anyOf,omitempty"`
	// Type is a string, or a list of two with "null" for a nullable value.
	Type                 any                  `json:"type,omitempty"`
	Format               string               `json:"format,omitempty"`
	Pattern              string               `json:"pattern,omitempty"`
	Enum                 []any                `json:"enum,omitempty"`
	MinLength            *int                 `json:"minLength,omitempty"`
	MaxLength            *int                 `json:"maxLength,omitempty"`
	Minimum              json.Number          `json:"minimum,omitempty"`
	Maximum              json.Number          `json:"maximum,omitempty"`
	Items                *oaSchema            `json:"items,omitempty"`
	Properties           map[string]*oaSchema `json:"properties,omitempty"`
	Required             []string             `json:"required,omitempty"`
	AdditionalProperties *oaSchema            `json:"additionalProperties,omitempty"`
	ReadOnly             bool                 `json:"readOnly,omitempty"`
	WriteOnly            bool                 `json:"writeOnly,omitempty"`
}

type oaComponents struct {
	Schemas         map[string]*oaSchema         `json:"schemas"`
	Responses       map[string]*oaResponse       `json:"responses"`
	SecuritySchemes map[string]*oaSecurityScheme `json:"securitySchemes"`
}

type oaSecurityScheme struct {
	Type         string `json:"type"`
	Description  string `json:"description"`
	Scheme       string `json:"scheme,omitempty"`
	BearerFormat string `json:"bearerFormat,omitempty"`
	Name         string `json:"name,omitempty"`
	In           string `json:"in,omitempty"`
}
