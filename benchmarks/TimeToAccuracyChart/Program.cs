// time-to-accuracy-chart CURVES.csv OUT.png: one line per (recipe, seed), validation accuracy against wall seconds.
using System.Globalization;
using ScottPlot;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: time-to-accuracy-chart CURVES.csv OUT.png");
    return 2;
}
// The last three cells are seed, seconds and accuracy; the rest is the recipe's name, quoted when it holds a comma.
var rows = File.ReadLines(args[0]).Skip(1).Where(line => line.Length > 0).Select(line => line.Split(','))
    .Select(cells => (Recipe: Unquoted(string.Join(',', cells[..^3])), Seed: cells[^3], Seconds: double.Parse(cells[^2], CultureInfo.InvariantCulture),
        Accuracy: double.Parse(cells[^1], CultureInfo.InvariantCulture)))
    .ToList();
var plot = new Plot();
var palette = new ScottPlot.Palettes.Category10();
var recipes = rows.Select(row => row.Recipe).Distinct().ToList();
foreach (var run in rows.GroupBy(row => (row.Recipe, row.Seed)))
{
    var points = run.OrderBy(row => row.Seconds).ToList();
    var line = plot.Add.Scatter(points.Select(p => p.Seconds).ToArray(), points.Select(p => p.Accuracy * 100).ToArray());
    line.Color = palette.GetColor(recipes.IndexOf(run.Key.Recipe));
    line.LegendText = $"{run.Key.Recipe}, seed {run.Key.Seed}";
}
plot.Title("Validation accuracy against wall time (Fit started at 0)");
plot.XLabel("seconds since Fit started");
plot.YLabel("validation accuracy (%)");
plot.ShowLegend(Alignment.LowerRight);
plot.SavePng(args[1], 1000, 600);
Console.WriteLine($"wrote {args[1]}");
return 0;

static string Unquoted(string field) =>
    field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1].Replace("\"\"", "\"") : field;
