module github.com/hubatlas/hubatlas

go 1.26.8

require (
	github.com/ajstarks/svgo v0.0.0-20211024235047-1546f124cd8b
	github.com/chromedp/chromedp v0.23.0
	github.com/paulmach/orb v0.14.0
	go.yaml.in/yaml/v3 v3.0.6
)

require (
	github.com/chromedp/cdproto v0.159.0 // indirect
	github.com/go-json-experiment/json v0.0.0-20260213210345-44df1a37e875 // indirect
	go.mongodb.org/mongo-driver/v2 v2.5.0 // indirect
)
