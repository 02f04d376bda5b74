"""The UI kit: components pages arrange, Plotly charts, the palette, UI text in Vietnamese and English, number
formatting. Imports data_access."""
