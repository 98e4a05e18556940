namespace MlNetResNet.Pipelines.Synthetic;

/// <summary>
/// Colours per class, deliberately overlapping (yellow daisies, dandelions, sunflowers, roses and tulips; white daisies,
/// roses, tulips and dandelion clocks; pink and red across three classes) so that colour alone does not give the class.
/// </summary>
internal static class FlowerPalettes
{
    public static readonly Rgb[] DaisyPetals = Hex(0xFFFFFF, 0xF6F3E8, 0xFFF2CC, 0xF7C6D9, 0xD9C8F0, 0xFFEE99, 0xF4A6C0);
    public static readonly Rgb[] DaisyDiscs = Hex(0xF2C200, 0xE8A317, 0xD4A000, 0xC97B12);
    public static readonly Rgb[] DandelionFlorets = Hex(0xFFD700, 0xFFC107, 0xFFB300, 0xF5E050, 0xFFE680, 0xF0A020);
    public static readonly Rgb[] DandelionClock = Hex(0xF4F4F0, 0xE6E6E0, 0xDADAD4);
    public static readonly Rgb[] RosePetals = Hex(0xC8102E, 0x9B111E, 0xF48FB1, 0xE75480, 0xF5F0EB, 0xFFD54F, 0xFF8C42, 0xFFB38A);
    public static readonly Rgb[] SunflowerPetals = Hex(0xFFD000, 0xF4B400, 0xF08A00, 0xFFE55C, 0xB5502A, 0xE8C04A);
    public static readonly Rgb[] SunflowerDiscs = Hex(0x3B2314, 0x5A3A1A, 0x4A3018, 0x6B4A22);
    public static readonly Rgb[] TulipPetals = Hex(0xD7263D, 0xF49AC2, 0xFFE135, 0x7E3F8F, 0xF2EFEA, 0xFF7F27, 0xE0457B);
    public static readonly Rgb[] Greens = Hex(0x4C7A2E, 0x2E5A1C, 0x6B8E23, 0x8FBC5A, 0x3A6B35, 0x55803A);
    public static readonly Rgb[] Backgrounds = Hex(0x4C7A2E, 0x2E5A1C, 0x6B8E23, 0x8FBC5A, 0x6B4F3A, 0x8B6B4A, 0x87CEEB,
        0xA7C7E7, 0x8C8C8C, 0x1F2A1F, 0xC9B99A, 0x5E6B4E);

    /// <summary>Every flower colour: clutter drawn from it makes the background as colourful as the flowers.</summary>
    public static readonly Rgb[] AllFlowerColours =
        [.. DaisyPetals, .. DandelionFlorets, .. RosePetals, .. SunflowerPetals, .. TulipPetals];

    public static Rgb Pick(this Rgb[] palette, Random random, float jitter = 14f) =>
        palette[random.Next(palette.Length)].Jitter(random, jitter);

    private static Rgb[] Hex(params uint[] colours) => colours.Select(Rgb.FromHex).ToArray();
}
