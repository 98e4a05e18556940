using System.Text;

namespace MlNetResNet.Tests.Native;

/// <summary>Reads the symbol-version needs (<c>.gnu.version_r</c>) of an ELF64 little-endian file, for assertions.</summary>
internal static class ElfVersionNeeds
{
    public sealed record Need(string Library, string Version, ushort Flags)
    {
        public bool IsWeak => (Flags & 0x2) != 0;
    }

    public static IReadOnlyList<Need> Read(string path)
    {
        byte[] elf = File.ReadAllBytes(path);
        Assert.True(elf.Length > 64 && elf[0] == 0x7f && elf[1] == 'E' && elf[4] == 2 && elf[5] == 1, $"{path} is not an ELF64 LE file");
        var needs = new List<Need>();
        long shoff = BitConverter.ToInt64(elf, 0x28);
        int shentsize = BitConverter.ToUInt16(elf, 0x3a), shnum = BitConverter.ToUInt16(elf, 0x3c);
        for (int i = 0; i < shnum; i++)
        {
            int sh = (int)shoff + i * shentsize;
            if (BitConverter.ToUInt32(elf, sh + 4) != 0x6ffffffe) continue;
            int need = (int)BitConverter.ToInt64(elf, sh + 0x18);
            int link = BitConverter.ToInt32(elf, sh + 0x28);
            int strtab = (int)BitConverter.ToInt64(elf, (int)shoff + link * shentsize + 0x18);
            while (true)
            {
                string library = CString(elf, strtab + BitConverter.ToInt32(elf, need + 4));
                int aux = need + BitConverter.ToInt32(elf, need + 8);
                for (int j = 0; j < BitConverter.ToUInt16(elf, need + 2); j++)
                {
                    needs.Add(new Need(library, CString(elf, strtab + BitConverter.ToInt32(elf, aux + 8)), BitConverter.ToUInt16(elf, aux + 4)));
                    aux += BitConverter.ToInt32(elf, aux + 12);
                }
                int next = BitConverter.ToInt32(elf, need + 12);
                if (next == 0) break;
                need += next;
            }
        }
        return needs;
    }

    /// <summary>True when the libstdc++ the loader would pick on this host defines <paramref name="version"/>.</summary>
    public static bool HostLibStdCxxHas(string version)
    {
        foreach (var dir in new[] { "/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib64", "/usr/lib64", "/usr/lib" })
        {
            string candidate = Path.Combine(dir, "libstdc++.so.6");
            if (File.Exists(candidate))
                return Encoding.ASCII.GetString(File.ReadAllBytes(candidate)).Contains(version + "\0", StringComparison.Ordinal);
        }
        return false;
    }

    private static string CString(byte[] data, int start)
    {
        int end = Array.IndexOf(data, (byte)0, start);
        return Encoding.ASCII.GetString(data, start, end - start);
    }
}
