namespace MlNetResNet.Onnx;

/// <summary>
/// One dimension of a graph input/output shape: a fixed size, or a symbolic name such as <c>"N"</c> for a
/// dynamic batch. Converts implicitly from <see cref="long"/> and <see cref="string"/>.
/// </summary>
internal readonly record struct OnnxDim
{
    private OnnxDim(long? value, string? symbol)
    {
        Value = value;
        Symbol = symbol;
    }

    /// <summary>The fixed size, or null when symbolic.</summary>
    public long? Value { get; }

    /// <summary>The symbolic name, or null when fixed.</summary>
    public string? Symbol { get; }

    /// <summary>A fixed dimension.</summary>
    public static OnnxDim Fixed(long value) =>
        value >= 0 ? new OnnxDim(value, null) : throw new ArgumentOutOfRangeException(nameof(value), value, "A dimension cannot be negative.");

    /// <summary>A dynamic dimension named <paramref name="symbol"/>.</summary>
    public static OnnxDim Dynamic(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        return new OnnxDim(null, symbol);
    }

    /// <summary>Same as <see cref="Fixed"/>.</summary>
    public static implicit operator OnnxDim(long value) => Fixed(value);

    /// <summary>Same as <see cref="Dynamic"/>.</summary>
    public static implicit operator OnnxDim(string symbol) => Dynamic(symbol);

    /// <inheritdoc />
    public override string ToString() => Symbol ?? Value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?";
}
