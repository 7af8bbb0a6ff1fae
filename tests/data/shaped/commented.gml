# exported by a script from a spreadsheet
# two relations of a small club
graph [
  directed 0
  node [ id 1 label "Ann" graphics [ x 10 y 10 w 20 h 20 fill "#FFCC00" ] ]
  node [ id 2 label "Bob" graphics [ x 80 y 10 w 20 h 20 fill "#FFCC00" ] ]
  node [ id 3 label "Cat" graphics [ x 45 y 70 w 20 h 20 fill "#3366FF" ] ]
  edge [ source 1 target 2 ]
  edge [ source 2 target 3 ]
  edge [ source 3 target 1 ]
]
