"""The "Đến hạn" tab: stays, dossiers and hotspots due, gathered from every registry."""
