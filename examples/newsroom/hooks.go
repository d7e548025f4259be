package main

import (
	"github.com/authgen/authgen/examples/newsroom/newsroom"
	"github.com/authgen/authgen/runtime/db"
)

func init() {
	newsroom.Implement(newsroom.Hooks{Articles: articles{}})
}

// articles is the articles endpoint's own code.
type articles struct{}

// GetQueryset narrows the list (and detail lookups, as a DRF get_queryset does) by
// ?status= and ?search= (a part of the title, any case).
func (articles) GetQueryset(c *newsroom.Call) (db.Cond, error) {
	q := c.HTTP.URL.Query()
	var conds []db.Cond
	if status := q.Get("status"); status != "" {
		conds = append(conds, newsroom.ArticlesWhere.Status.Eq(status))
	}
	if search := q.Get("search"); search != "" {
		conds = append(conds, newsroom.ArticlesWhere.Title.IContains(search))
	}
	return db.And(conds...), nil
}
