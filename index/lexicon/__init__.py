"""Word tables made from packaged data (CC-CEDICT for English, the administrative divisions for places): built
with an index and read by search, so that the store and search share them without importing each other."""
