module github.com/hubatlas/hubatlas

go 1.26.8

require (
	github.com/ajstarks/svgo v0.0.0-20211024235047-1546f124cd8b
	github.com/paulmach/orb v0.14.0
	go.yaml.in/yaml/v3 v3.0.6
)

require go.mongodb.org/mongo-driver/v2 v2.5.0 // indirect
