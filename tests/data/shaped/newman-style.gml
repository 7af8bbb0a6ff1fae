Creator "Mark Newman on Fri Jul 21 12:39:27 2006"
graph
[
  directed 0
  node
  [
    id 0
    label "BrighamYoung"
    value 7
  ]
  node
  [
    id 1
    label "FloridaState"
    value 0
  ]
  node
  [
    id 2
    label "Iowa"
    value 2
  ]
  node
  [
    id 3
    label "KansasState"
    value 3
  ]
  edge
  [
    source 1
    target 0
  ]
  edge
  [
    source 3
    target 0
  ]
  edge
  [
    source 2
    target 1
  ]
  edge
  [
    source 3
    target 2
  ]
]
