graph [
 node [ id 1 label "a" ]
 node [ id 2 