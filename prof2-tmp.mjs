import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
const server = spawn(process.execPath, ['node_modules/astro/bin/astro.mjs','preview','--host','127.0.0.1','--port','4456','--ignore-lock'], { stdio: 'ignore', detached: true, env: { ...process.env, ASTRO_PREVIEW_BACKGROUND: '0' } });
await new Promise(r => setTimeout(r, 3000));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--disable-background-networking'] });
const ctx = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true }); const page = await ctx.newPage();
await page.goto('http://127.0.0.1:4456/playground/');
await page.waitForTimeout(500);
const cdp = await ctx.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await page.evaluate(() => { window.__t = {}; window.__k = []; let k0 = 0; document.addEventListener('keydown', () => { k0 = performance.now(); }, true); document.addEventListener('input', () => { window.__k.push(performance.now() - k0); }, true); });
await page.getByRole('slider', { name: 'Images slider' }).focus();
for (let i = 0; i < 40; i++) { await page.keyboard.press(i < 20 ? 'ArrowRight' : 'ArrowLeft'); await page.waitForTimeout(20); }
const t = await page.evaluate(() => window.__t);
for (const [k, v] of Object.entries(t)) { v.sort((a,b)=>a-b); console.log(v[Math.floor(v.length/2)].toFixed(2), k.replace(/\s+/g,' ')); }
const k = await page.evaluate(() => window.__k.sort((a,b)=>a-b)); console.log('keydown->input median', k[Math.floor(k.length/2)].toFixed(2));
await browser.close(); process.kill(-server.pid);
