Creator "igraph version 0.10.4 Thu Mar  2 10:00:00 2023"
Version 1
graph
[
  directed 0
  node
  [
    id 0
    name "Ann"
  ]
  node
  [
    id 1
    name "Bob"
  ]
  node
  [
    id 2
    name "Cat"
  ]
  edge
  [
    source 0
    target 1
    weight 2
  ]
  edge
  [
    source 1
    target 2
    weight 1
  ]
]
