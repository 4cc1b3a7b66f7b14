// Shared by the figure's fragment shaders; pasted after their #version line.
// A soft studio: a warm key from above-front, a cool fill from the other
// side, a sky/ground ambient. Wrapped diffuse keeps the light soft.
uniform vec3 uEye;
uniform vec3 uKeyDir;    // towards the light
uniform vec3 uFillDir;
uniform vec3 uKeyColor;
uniform vec3 uFillColor;
uniform vec3 uSkyColor;
uniform vec3 uGroundColor;

vec3 softLight(vec3 n) {
    float key = clamp((dot(n, uKeyDir) + 0.4) / 1.4, 0.0, 1.0);
    float fill = clamp((dot(n, uFillDir) + 0.6) / 1.6, 0.0, 1.0);
    vec3 amb = mix(uGroundColor, uSkyColor, n.y * 0.5 + 0.5);
    return amb + uKeyColor * key * key + uFillColor * fill;
}

// Linear light to the 8-bit target, with a gentle shoulder so a bright glow
// never clips to a hard white.
vec3 toDisplay(vec3 c) {
    c = c / (1.0 + 0.25 * c);
    return pow(max(c, 0.0), vec3(1.0 / 2.2));
}
