using System.Globalization;

namespace MlNetResNet.Benchmarks;

/// <summary>Reads <c>--name value</c> pairs and <c>--flag</c>s.</summary>
internal sealed class ArgumentReader
{
    private readonly string[] args;

    public ArgumentReader(string[] args) => this.args = args;

    public string Text(string name, string fallback)
    {
        int at = Array.IndexOf(args, name);
        if (at < 0) return fallback;
        if (at + 1 >= args.Length) throw new ArgumentException($"Option {name} needs a value.");
        return args[at + 1];
    }

    public int Int(string name, int fallback) => int.Parse(Text(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public double Double(string name, double fallback) =>
        double.Parse(Text(name, fallback.ToString("R", CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    public bool Flag(string name) => args.Contains(name);

    public IReadOnlyList<string> List(string name, string fallback) =>
        Text(name, fallback).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
