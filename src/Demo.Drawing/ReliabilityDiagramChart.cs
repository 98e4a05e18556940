using ScottPlot;

namespace MlNetResNet.Demo.Drawing;

/// <summary>
/// The reliability diagram PNG: per bin of the top probability, the fraction predicted correctly (bars) against the
/// diagonal a perfectly calibrated model would follow.
/// </summary>
public static class ReliabilityDiagramChart
{
    /// <summary>Writes the chart; empty bins carry NaN accuracy and are left out. Only primitive types cross the load-context boundary.</summary>
    public static void WritePng(string path, double[] binLower, double[] binUpper, double[] accuracy, int[] counts, string title)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        for (int bin = 0; bin < binLower.Length; bin++)
        {
            if (counts[bin] == 0 || !double.IsFinite(accuracy[bin])) continue;
            bars.Add(new Bar
            {
                Position = (binLower[bin] + binUpper[bin]) / 2,
                Value = accuracy[bin],
                Size = (binUpper[bin] - binLower[bin]) * 0.9,
                Label = counts[bin].ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
        }
        var barPlot = plot.Add.Bars(bars);
        barPlot.LegendText = "accuracy per bin (label: images)";
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "perfect calibration";
        plot.Title(title);
        plot.XLabel("top probability (confidence)");
        plot.YLabel("fraction correct");
        plot.Axes.SetLimits(0, 1, 0, 1.05);
        plot.ShowLegend(Alignment.UpperLeft);
        plot.SavePng(path, 600, 600);
    }
}
